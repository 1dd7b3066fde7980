// Redocly's linter (the engine of `redocly lint`, recommended rules) over an OpenAPI file, run as a
// child process by the OpenAPI test: it is an ES module with ES module dependencies, which node
// loads as they are. Prints the problems as JSON: [{ severity, ruleId, message, location }].
import { lint, loadConfig } from '@redocly/openapi-core';

const config = await loadConfig({});
const problems = await lint({ ref: process.argv[2], config });
process.stdout.write(
  JSON.stringify(
    problems.map((p) => ({
      severity: p.severity,
      ruleId: p.ruleId,
      message: p.message,
      location: p.location?.[0]?.pointer,
    })),
  ),
);
