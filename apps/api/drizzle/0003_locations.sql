CREATE TABLE "user_neighbourhoods" (
	"user_id" uuid PRIMARY KEY NOT NULL,
	"region_code" text NOT NULL,
	"lat" double precision NOT NULL,
	"lng" double precision NOT NULL,
	"radius_km" smallint NOT NULL,
	"point_source" text NOT NULL,
	"updated_at" timestamp with time zone DEFAULT now() NOT NULL,
	CONSTRAINT "user_neighbourhoods_radius_km" CHECK ("user_neighbourhoods"."radius_km" in (1, 3, 6, 10)),
	CONSTRAINT "user_neighbourhoods_region_code" CHECK ("user_neighbourhoods"."region_code" ~ '^[0-9]{5}$'),
	CONSTRAINT "user_neighbourhoods_in_korea" CHECK ("user_neighbourhoods"."lat" between 33.0 and 38.7 and "user_neighbourhoods"."lng" between 124.5 and 132.0),
	CONSTRAINT "user_neighbourhoods_point_source" CHECK ("user_neighbourhoods"."point_source" in ('given', 'region_centroid'))
);
--> statement-breakpoint
ALTER TABLE "user_neighbourhoods" ADD CONSTRAINT "user_neighbourhoods_user_id_users_id_fk" FOREIGN KEY ("user_id") REFERENCES "public"."users"("id") ON DELETE cascade ON UPDATE no action;--> statement-breakpoint
CREATE INDEX "user_neighbourhoods_earth_idx" ON "user_neighbourhoods" USING gist (ll_to_earth("lat", "lng"));