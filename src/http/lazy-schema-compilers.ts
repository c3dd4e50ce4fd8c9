/**
 * Fastify compiles every route's validator (Ajv) and response serializer (fast-json-stringify) while the
 * app starts: about a fifth of a second per process, for routes most workers never serve. These wrap
 * Fastify's own compilers so each schema is compiled on its route's first request instead. A schema that
 * cannot compile then fails that request; the access-matrix test calls every route, so none goes unseen.
 */
import { createRequire } from 'node:module';
import type { FastifyServerOptions } from 'fastify';

type Validate = ((data: unknown) => unknown) & { errors?: unknown };
type CompileValidator = (route: unknown) => Validate;
type BuildValidator = (externalSchemas: unknown, options: unknown) => CompileValidator;
type Serialize = (data: unknown) => string;
type CompileSerializer = (route: unknown) => Serialize;
type BuildSerializer = (externalSchemas: unknown, options: unknown) => CompileSerializer;

// The very compilers Fastify would use, resolved from Fastify itself so their versions always match.
const fastifyRequire = createRequire(createRequire(import.meta.url).resolve('fastify'));
const { AjvCompiler } = fastifyRequire('@fastify/ajv-compiler') as { AjvCompiler: () => BuildValidator };
const { SerializerSelector } = fastifyRequire('@fastify/fast-json-stringify-compiler') as {
  SerializerSelector: () => BuildSerializer;
};

function lazyValidators(build: BuildValidator): BuildValidator {
  return (externalSchemas, options) => {
    const compile = build(externalSchemas, options);
    return (route) => {
      let validate: Validate | undefined;
      const lazy: Validate = (data) => {
        validate ??= compile(route);
        const result = validate(data);
        // Fastify reads the errors off the function it was given.
        lazy.errors = validate.errors;
        return result;
      };
      return lazy;
    };
  };
}

function lazySerializers(build: BuildSerializer): BuildSerializer {
  return (externalSchemas, options) => {
    const compile = build(externalSchemas, options);
    return (route) => {
      let serialize: Serialize | undefined;
      return (data) => {
        serialize ??= compile(route);
        return serialize(data);
      };
    };
  };
}

type CompilersFactory = NonNullable<
  NonNullable<FastifyServerOptions['schemaController']>['compilersFactory']
>;

/** Fastify's `schemaController.compilersFactory` option. */
export function lazySchemaCompilers(): CompilersFactory {
  // Fastify's types describe Ajv's full function objects; it calls them and reads `errors`, as these do.
  return {
    buildValidator: lazyValidators(AjvCompiler()),
    buildSerializer: lazySerializers(SerializerSelector()),
  } as unknown as CompilersFactory;
}
