import { ApiError } from '../errors/api-error.js';

/**
 * A request naming something that is not in the project (a label, an image, a task …) or that does not
 * fit (a mask payload on a box label): VALIDATION_FAILED with the path of the offending field, as zod's
 * own failures have. The request is at fault, not the address, so this is not NOT_FOUND.
 */
export function invalidReference(path: string, message: string): ApiError {
  return new ApiError('VALIDATION_FAILED', `${path}: ${message}`, [{ path, message }]);
}
