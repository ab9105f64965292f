/**
 * A new UID under the 2.25 root (PS3.5 B.2): the decimal value of a random (version 4) UUID, so that no
 * registered root is needed. Uses Web Crypto, which Node 20 and browsers both have.
 */
export function newDicomUid(): string {
  return uuidToDicomUid(globalThis.crypto.randomUUID());
}

/** '2.25.' followed by the UUID read as one 128-bit unsigned integer (ITU-T X.667 / PS3.5 B.2). */
export function uuidToDicomUid(uuid: string): string {
  const hex = uuid.replaceAll('-', '');
  if (!/^[0-9a-f]{32}$/i.test(hex)) throw new TypeError(`'${uuid}' is not a UUID`);
  return `2.25.${BigInt(`0x${hex}`).toString()}`;
}
