// The codec lives in common/directory so the renderer can read the snapshot main ships it.
export { INDEX_FORMAT, decodeIndexData, decodeStoredIndex, encodeIndexData, type DecodeOptions } from '../../../common/directory/indexCodec';
