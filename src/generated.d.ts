/** @module Types of the generated modules, bundled as text (wrangler.toml [[rules]]): the artifact, parsed and checked by src/index.ts, and the OpenAPI document, served as is by src/app.ts. */
declare module '*/generated/artifact.txt' {
  const artifactText: string;
  export default artifactText;
}

declare module '*/generated/openapi.json' {
  const openapiText: string;
  export default openapiText;
}
