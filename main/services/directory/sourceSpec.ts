// A directory source made again from its spec (source.ts) inside the sync worker.
import type { Logger } from '../log/logger';
import { createCsvFileSource } from './csvFileSource';
import { createLdapSource } from './ldapSource';
import type { DirectorySource, SourceSpec } from './source';

export function sourceFromSpec(spec: SourceSpec, log: Logger): DirectorySource {
  return spec.kind === 'csv' ? createCsvFileSource(spec.path, spec.name, spec.mapping) : createLdapSource({ ...spec.options, log });
}
