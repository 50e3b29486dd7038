/**
 * Located errors for scenario files. The class lives in src/manifests/loadErrors.ts, because
 * manifest loading (a lower layer) reports the same errors and imports point down only; this module
 * is the scenario layer's name for it.
 */
export {
  formatLocatedErrors,
  formatPath,
  LocatedError,
  LocatedErrorList,
  sortLocated,
  type FieldPath,
  type LocatedErrorInit,
  type Severity,
  type SourceLocation,
} from '../manifests/loadErrors';
