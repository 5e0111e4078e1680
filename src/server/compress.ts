import { gzipSync } from 'node:zlib';
import type { FastifyReply, FastifyRequest } from 'fastify';

/**
 * The two big JSON answers (map points, base map outlines) gzipped when the client accepts it:
 * 10,000 events are ~500 kB of JSON and ~90 kB gzipped, which matters beyond localhost. The
 * compressed bytes are kept with the cached JSON, so each answer is compressed once.
 */
export interface Compressible {
  json: string;
  gz?: Buffer;
}

export function sendJson(req: FastifyRequest, reply: FastifyReply, body: Compressible): FastifyReply {
  reply.type('application/json; charset=utf-8').header('Vary', 'Accept-Encoding');
  const accepts = /\bgzip\b/.test(String(req.headers['accept-encoding'] ?? ''));
  if (!accepts || body.json.length < 2048) return reply.send(body.json);
  body.gz ??= gzipSync(body.json, { level: 6 });
  return reply.header('Content-Encoding', 'gzip').send(body.gz);
}
