/**
 * The bench's yardstick: a bare Fastify hello world, as Fastify's own benchmarks run it (no logger,
 * one route, a JSON object answered from an async handler). Run by the bench in its own process on
 * the same Node as Gatehouse; every Gatehouse figure is reported as a ratio to this one's, measured in
 * the same rounds, so that what the machine is doing elsewhere weighs on both alike.
 */
import Fastify from "fastify";

const app = Fastify({ logger: false });
app.get("/", async () => ({ hello: "world" }));
await app.listen({ host: "127.0.0.1", port: Number(process.env.PORT) });
process.stdout.write("hello world listening\n");
process.once("SIGTERM", () => void app.close());
