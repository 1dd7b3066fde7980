// Handlebars pages: one layout, partials from views/partials, a helper or two, dictionaries per language.
import { readdirSync, readFileSync } from 'node:fs';
import { basename, join } from 'node:path';
import type { NestFastifyApplication } from '@nestjs/platform-fastify';
import Handlebars from 'handlebars';

export function registerViews(app: NestFastifyApplication): void {
  const hbs = Handlebars.create();
  hbs.registerHelper('eq', (a: unknown, b: unknown) => a === b);
  hbs.registerHelper('toString', (a: unknown) => String(a));
  const partials = join(__dirname, 'views', 'partials');
  for (const file of readdirSync(partials).filter((f) => f.endsWith('.hbs'))) {
    hbs.registerPartial(basename(file, '.hbs'), readFileSync(join(partials, file), 'utf8'));
  }
  app.setViewEngine({
    engine: { handlebars: hbs },
    templates: join(__dirname, 'views'),
    layout: 'layout.hbs',
    viewExt: 'hbs',
    production: process.env.NODE_ENV === 'production',
  } as never);
}
