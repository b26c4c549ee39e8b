/**
 * The ceiling: a bare Fastify instance with one route and nothing else (no logger, hooks,
 * plugins or database), run as its own process exactly like the API.
 */
import Fastify from 'fastify';

const app = Fastify({ logger: false });
app.get('/bare', async () => ({ ok: true }));

const host = process.env.HOST ?? '127.0.0.1';
const port = Number(process.env.PORT ?? 0);
await app.listen({ host, port });
const address = app.server.address();
process.stdout.write(`listening on http://${host}:${typeof address === 'object' && address ? address.port : port}\n`);

const shutdown = () => void app.close().then(() => process.exit(0));
process.on('SIGTERM', shutdown);
process.on('SIGINT', shutdown);
