/** A1 notation lives in core (pure); re-exported here for the adapters. */
export * from '../core/a1';
