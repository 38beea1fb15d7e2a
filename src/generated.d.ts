/** @module Type of the generated artifact module: bundled as text (wrangler.toml [[rules]]), parsed and checked by src/index.ts. */
declare module '*/generated/artifact.json' {
  const artifactText: string;
  export default artifactText;
}
