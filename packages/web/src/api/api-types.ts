/** The shapes of the API answers the app reads (see /api/docs/json for the full schemas). */

export type Role = 'owner' | 'manager' | 'annotator' | 'reviewer' | 'viewer';

export interface User {
  readonly id: string;
  readonly username: string;
  readonly isAdmin: boolean;
}

export interface SessionInfo {
  readonly user: User;
  readonly csrfToken: string | null;
}

export interface ProjectSummary {
  readonly id: string;
  readonly name: string;
  readonly description: string;
  readonly role: Role;
  readonly createdAt: string;
  readonly imageCount: number;
}

export interface Label {
  readonly id: string;
  readonly name: string;
  readonly type: string;
  readonly colour: string;
  readonly guideline: string;
  readonly sortOrder: number;
}

export interface Project extends ProjectSummary {
  readonly labels: readonly Label[];
  readonly memberCount: number;
  readonly settings: { readonly reading: 'blind' | 'open'; readonly readersPerItem: number };
}

export interface Series {
  readonly id: string;
  readonly seriesInstanceUid: string;
  readonly modality: string | null;
  readonly description: string | null;
  readonly imageCount: number;
}

export interface Study {
  readonly id: string;
  readonly studyInstanceUid: string;
  readonly subject: string;
  readonly studyDate: string | null;
  readonly description: string | null;
  readonly series: readonly Series[];
}

export interface ImageRecord {
  readonly id: string;
  readonly format: 'dicom' | 'nifti' | 'png' | 'jpeg' | string;
  readonly seriesId: string | null;
  readonly sopInstanceUid: string | null;
  readonly modality: string | null;
  readonly createdAt: string;
}

export interface ImagePage {
  readonly images: readonly ImageRecord[];
  readonly total: number;
}
