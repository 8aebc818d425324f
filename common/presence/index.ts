export * from './dialog-info';
export * from './absence';
export * from './pickup';
export { parseXml, XML_LIMITS, type XmlElement, type XmlRejectCode, type XmlRejection, type XmlResult } from './xml';
export * from './rlmi';
export * from './notify-parse';
