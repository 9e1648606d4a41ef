import { existsSync } from 'node:fs';
import path from 'node:path';
import fastifyStatic from '@fastify/static';
import type { FastifyInstance } from 'fastify';

/** Content-hashed bundles never change; the manifest and locales must be re-read on every load. */
const cacheControlFor = (file: string): string =>
  /-(bundle|chunk)-[0-9a-f]{8,}\.min\.js$/.test(file) || /\/assets\/.+-[\w-]{8,}\.\w+$/.test(file)
    ? 'public, max-age=31536000, immutable'
    : 'no-cache';

/**
 * Serves the plugin under `pluginPrefix` (the console's asset path standalone, `/` behind the
 * console), and (standalone) the shell at `/`.
 */
export const staticRoutes = async (
  app: FastifyInstance,
  {
    pluginDir,
    pluginPrefix,
    shellDir,
  }: { pluginDir: string; pluginPrefix: string; shellDir?: string },
) => {
  await app.register(fastifyStatic, {
    root: pluginDir,
    prefix: pluginPrefix,
    cacheControl: false,
    setHeaders: (res, file) => res.setHeader('Cache-Control', cacheControlFor(file)),
  });

  if (!shellDir) return;
  await app.register(fastifyStatic, {
    root: shellDir,
    prefix: '/',
    decorateReply: false,
    index: false,
    cacheControl: false,
    setHeaders: (res, file) => res.setHeader('Cache-Control', cacheControlFor(file)),
  });
};

/** The shell is a single-page app: any other page path loads index.html and routes itself. */
export const shellIndexFile = (shellDir: string | undefined): string | undefined => {
  if (!shellDir) return undefined;
  const index = path.join(shellDir, 'index.html');
  return existsSync(index) ? index : undefined;
};
