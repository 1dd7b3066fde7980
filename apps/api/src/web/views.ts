// Handlebars pages: one layout, a helper or two, dictionaries per language.
import { join } from 'node:path';
import type { NestFastifyApplication } from '@nestjs/platform-fastify';
import Handlebars from 'handlebars';

export function registerViews(app: NestFastifyApplication): void {
  const hbs = Handlebars.create();
  hbs.registerHelper('eq', (a: unknown, b: unknown) => a === b);
  app.setViewEngine({
    engine: { handlebars: hbs },
    templates: join(__dirname, 'views'),
    layout: 'layout.hbs',
    viewExt: 'hbs',
    production: process.env.NODE_ENV === 'production',
  } as never);
}
