import { MultipartError, multipartBoundary, readMultipartRelated } from './multipart-related.js';

/** A DICOM UID: digits and dots, at most 64 characters. Checked before one goes into a URL. */
const UID = /^[0-9]+(\.[0-9]+)*$/;
export const isUid = (value: string): boolean => value.length <= 64 && UID.test(value);

export class DicomwebError extends Error {
  override readonly name = 'DicomwebError';
  constructor(
    message: string,
    readonly status?: number,
    options?: { cause?: unknown },
  ) {
    super(message, options);
  }
}

export interface InstanceRef {
  readonly seriesInstanceUid: string;
  readonly sopInstanceUid: string;
}

export interface DicomwebClientOptions {
  /** Sent as `Authorization: Bearer <token>`. */
  readonly token?: string;
  /** The largest instance accepted, in bytes. */
  readonly maxInstanceBytes: number;
  /** Instances asked per QIDO-RS page. */
  readonly pageSize?: number;
}

type DicomJson = Record<string, { Value?: unknown[] } | undefined>;

const DICOM_ACCEPT = [
  // Any transfer syntax: the instance as stored, no transcoding on the server.
  'multipart/related; type="application/dicom"; transfer-syntax=*',
  // Servers that refuse the parameter send their default (Explicit VR Little Endian).
  'multipart/related; type="application/dicom"',
];

/**
 * The parts of a DICOMweb (PS3.18) client an import needs: QIDO-RS to list a study's instances and
 * WADO-RS to retrieve one instance, streamed and parsed from its multipart/related answer.
 */
export class DicomwebClient {
  readonly baseUrl: string;

  constructor(
    baseUrl: string,
    private readonly options: DicomwebClientOptions,
  ) {
    if (!URL.canParse(baseUrl) || !/^https?:$/.test(new URL(baseUrl).protocol))
      throw new DicomwebError(`${baseUrl}: not an http:// or https:// URL`);
    this.baseUrl = baseUrl.replace(/\/+$/, '');
  }

  /** Every instance of the study (QIDO-RS, page by page); DicomwebError when there is none. */
  async studyInstances(studyInstanceUid: string): Promise<InstanceRef[]> {
    checkUid(studyInstanceUid, 'Study Instance UID');
    const pageSize = this.options.pageSize ?? 1000;
    const found = new Map<string, InstanceRef>();
    for (let offset = 0; ; offset += pageSize) {
      const url = `${this.baseUrl}/studies/${studyInstanceUid}/instances?includefield=0020000E&limit=${pageSize}&offset=${offset}`;
      const response = await this.get(url, 'application/dicom+json');
      const page = response.status === 204 ? [] : ((await response.json()) as DicomJson[]);
      const before = found.size;
      for (const instance of page) {
        const ref = {
          seriesInstanceUid: String(instance['0020000E']?.Value?.[0] ?? ''),
          sopInstanceUid: String(instance['00080018']?.Value?.[0] ?? ''),
        };
        if (isUid(ref.seriesInstanceUid) && isUid(ref.sopInstanceUid)) found.set(ref.sopInstanceUid, ref);
      }
      // A short page ends the listing; so does one with nothing new (a server ignoring offset).
      if (page.length < pageSize || found.size === before) break;
    }
    if (found.size === 0)
      throw new DicomwebError(`${this.baseUrl} has no instances of study ${studyInstanceUid}`, 404);
    return [...found.values()];
  }

  /** One instance as a DICOM file (WADO-RS), in the transfer syntax the server stores it in. */
  async retrieveInstance(studyInstanceUid: string, ref: InstanceRef): Promise<Uint8Array> {
    checkUid(studyInstanceUid, 'Study Instance UID');
    checkUid(ref.seriesInstanceUid, 'Series Instance UID');
    checkUid(ref.sopInstanceUid, 'SOP Instance UID');
    const url = `${this.baseUrl}/studies/${studyInstanceUid}/series/${ref.seriesInstanceUid}/instances/${ref.sopInstanceUid}`;
    let response: Response | undefined;
    for (const accept of DICOM_ACCEPT) {
      response = await this.get(url, accept, [400, 406]);
      if (response.ok) break;
      await response.body?.cancel();
    }
    if (!response?.ok)
      throw new DicomwebError(`${url}: ${response?.status} ${response?.statusText}`, response?.status);
    const boundary = multipartBoundary(response.headers.get('content-type'));
    if (!boundary || !response.body)
      throw new DicomwebError(
        `${url}: expected multipart/related, got ${response.headers.get('content-type')}`,
      );
    try {
      for await (const part of readMultipartRelated(response.body, boundary, this.options.maxInstanceBytes)) {
        // One instance asked, one part expected: leaving the loop cancels the rest of the body.
        return part.body;
      }
    } catch (error) {
      if (error instanceof MultipartError)
        throw new DicomwebError(`${url}: ${error.message}`, undefined, { cause: error });
      throw error;
    }
    throw new DicomwebError(`${url}: the answer holds no instance`);
  }

  private async get(url: string, accept: string, allowed: readonly number[] = []): Promise<Response> {
    const headers: Record<string, string> = { accept };
    if (this.options.token) headers.authorization = `Bearer ${this.options.token}`;
    let response: Response;
    try {
      response = await fetch(url, { headers });
    } catch (error) {
      const cause = (error as { cause?: { code?: string; message?: string } }).cause;
      throw new DicomwebError(
        `${url}: cannot connect (${cause?.code ?? cause?.message ?? String(error)})`,
        undefined,
        {
          cause: error,
        },
      );
    }
    if (response.ok || allowed.includes(response.status)) return response;
    await response.body?.cancel();
    const hint = response.status === 401 || response.status === 403 ? ' (is --token right?)' : '';
    throw new DicomwebError(`${url}: ${response.status} ${response.statusText}${hint}`, response.status);
  }
}

function checkUid(value: string, what: string): void {
  if (!isUid(value)) throw new DicomwebError(`${JSON.stringify(value)} is not a ${what} (digits and dots)`);
}
