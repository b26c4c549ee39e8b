CREATE TABLE "media" (
	"id" uuid PRIMARY KEY NOT NULL,
	"owner_id" uuid NOT NULL,
	"kind" text NOT NULL,
	"status" text NOT NULL,
	"failure_reason" text,
	"mime" text NOT NULL,
	"bytes" bigint NOT NULL,
	"width" integer,
	"height" integer,
	"duration_ms" integer,
	"progress" smallint DEFAULT 0 NOT NULL,
	"attached_type" text,
	"attached_id" text,
	"created_at" timestamp with time zone DEFAULT now() NOT NULL,
	"updated_at" timestamp with time zone DEFAULT now() NOT NULL,
	CONSTRAINT "media_kind" CHECK ("media"."kind" in ('image', 'video')),
	CONSTRAINT "media_status" CHECK ("media"."status" in ('uploaded', 'processing', 'ready', 'failed')),
	CONSTRAINT "media_failed_has_reason" CHECK (("media"."status" = 'failed') = ("media"."failure_reason" is not null)),
	CONSTRAINT "media_progress" CHECK ("media"."progress" between 0 and 100),
	CONSTRAINT "media_attached_pair" CHECK (("media"."attached_type" is null) = ("media"."attached_id" is null))
);
--> statement-breakpoint
ALTER TABLE "media" ADD CONSTRAINT "media_owner_id_users_id_fk" FOREIGN KEY ("owner_id") REFERENCES "public"."users"("id") ON DELETE cascade ON UPDATE no action;--> statement-breakpoint
CREATE INDEX "media_owner_idx" ON "media" USING btree ("owner_id","created_at");--> statement-breakpoint
CREATE INDEX "media_attached_idx" ON "media" USING btree ("attached_type","attached_id");--> statement-breakpoint
CREATE INDEX "media_unattached_idx" ON "media" USING btree ("created_at") WHERE "media"."attached_type" is null;