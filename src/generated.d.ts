/** @module Type of the generated artifact module: unknown until assertArtifact has checked its format. */
declare module '*/generated/artifact.json' {
  const artifact: unknown;
  export default artifact;
}
