// GET /api/v1/me: JWT check + one indexed query, against a bare route returning the same JSON.
import { DataSource } from 'typeorm';
import { compare, login, requestCpuMeter, startApp, startBaseline } from './bench-support';

async function main() {
  const { app, url } = await startApp();
  const token = await login(url, 'learner@demo.chadavkhi.mn');
  const me = await (await fetch(`${url}/api/v1/me`, { headers: { authorization: `Bearer ${token}` } })).json();
  const { server, target } = await startBaseline(me);
  await compare(
    'GET /api/v1/me vs bare Fastify route',
    target,
    [{ name: 'GET /api/v1/me', url: `${url}/api/v1/me`, headers: { authorization: `Bearer ${token}` } }],
    await requestCpuMeter(app.get(DataSource)),
  );
  await server.close();
  await app.close();
}

main().catch((error) => {
  console.error(error);
  process.exit(1);
});
