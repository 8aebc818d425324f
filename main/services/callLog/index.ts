export { createCallLogService, openCallLog, percentile, CallLogError, type CallLogService, type CallLogOptions, type OpenCallLogOptions } from './service';
export { mergeCallEvent, type CallRow, type MergeResult } from './merge';
