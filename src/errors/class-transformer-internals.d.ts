// class-transformer ships its types apart from its CommonJS files (types/ beside cjs/), so its metadata
// storage and default options, which the input instances read as the library does, are declared here.
declare module 'class-transformer/cjs/storage' {
  export { defaultMetadataStorage } from 'class-transformer/types/storage';
}
declare module 'class-transformer/cjs/constants/default-options.constant' {
  export { defaultOptions } from 'class-transformer/types/constants/default-options.constant';
}
