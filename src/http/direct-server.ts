/**
 * The HTTP server Fastify runs on, with one difference: a request may be answered before it reaches Fastify.
 * The page cache uses this to send pages it has already sent through Fastify, with the same headers, without
 * routing and hooks again; on a busy story that is most requests, and most of their cost.
 */
import {
  createServer,
  type IncomingMessage,
  type Server,
  type ServerOptions,
  type ServerResponse,
} from 'node:http';
import type { FastifyBaseLogger, FastifyServerFactory } from 'fastify';

/** Answers a request and returns true, or returns false to leave it to Fastify. */
export type AnswerFirst = (req: IncomingMessage, res: ServerResponse) => boolean;

/**
 * Fastify's `serverFactory` option. `answerFirst()` is asked for each request (the page cache exists only once
 * the app is built); the server is configured with Fastify's own timeout options, as Fastify would.
 */
export function serverAnsweringFirst(answerFirst: () => AnswerFirst | null): FastifyServerFactory<Server> {
  return (handler, options) => {
    const server = createServer((options.http ?? {}) as ServerOptions, (req, res) => {
      if (answerFirst()?.(req, res)) return;
      handler(req, res);
    });
    server.keepAliveTimeout = options.keepAliveTimeout as number;
    server.requestTimeout = options.requestTimeout as number;
    server.setTimeout(options.connectionTimeout as number);
    const perSocket = options.maxRequestsPerSocket as number | undefined;
    if (perSocket && perSocket > 0) server.maxRequestsPerSocket = perSocket;
    return server;
  };
}

/**
 * `answer`, logging each request it answers as Fastify logs the requests it serves (at info level: a busy
 * site that does not want a line per page view sets LOG_LEVEL=warn, which also spares the cost).
 */
export function loggedAnswers(answer: AnswerFirst, log: FastifyBaseLogger): AnswerFirst {
  if (!['trace', 'debug', 'info'].includes(log.level)) return answer;
  return (req, res) => {
    const started = performance.now();
    if (!answer(req, res)) return false;
    // Shaped as Fastify's request serializer reads a request.
    const request = {
      method: req.method,
      url: req.url,
      headers: req.headers,
      host: req.headers.host,
      ip: req.socket.remoteAddress,
      socket: req.socket,
    };
    log.info(
      { req: request, res, responseTime: performance.now() - started },
      'request completed from the page cache',
    );
    return true;
  };
}
