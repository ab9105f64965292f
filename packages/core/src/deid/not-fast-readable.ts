/** Why a file is read with dcmjs rather than core's faster reader: an encoding that reader does not cover. */
export class NotFastReadable extends Error {}
