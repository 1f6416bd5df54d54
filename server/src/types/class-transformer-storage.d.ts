// class-transformer ships the @Type() metadata store as cjs/storage.js with its types under types/:
// the OpenAPI writer reads it to name the class of each nested DTO.
declare module 'class-transformer/cjs/storage' {
  export { defaultMetadataStorage } from 'class-transformer/types/storage';
}
