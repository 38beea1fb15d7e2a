/** @module Types for opencc-js's raw dictionary modules ("from to|from to|…"), read by the build only. */
declare module 'opencc-js/dict/*' {
  const table: string;
  export default table;
}
