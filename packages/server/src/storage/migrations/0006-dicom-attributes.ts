import type { Migration } from 'kysely';
import type { AnyDb } from './portable-columns.js';

/**
 * DICOM attributes that DICOMweb searches (QIDO-RS, PS3.18 table 10.6.1-5) match on, as found in the
 * files, plus each instance's DICOM JSON without bulk data, so that WADO-RS metadata is a read, not a
 * parse. Images imported before this migration keep nulls here: they are found by UID but not by the new
 * attributes, and their metadata is rebuilt from the file when asked (dicomweb/instance-metadata.ts).
 */
export const dicomAttributes: Migration = {
  async up(db: AnyDb) {
    const studyColumns = [
      'patient_name',
      'patient_id',
      'patient_birth_date',
      'patient_sex',
      'study_time',
      'accession_number',
      'referring_physician_name',
      'study_id',
    ];
    for (const column of studyColumns)
      await db.schema.alterTable('studies').addColumn(column, 'text').execute();
    await db.schema.alterTable('series').addColumn('series_number', 'integer').execute();
    await db.schema.alterTable('series').addColumn('performed_start_date', 'text').execute();
    await db.schema.alterTable('series').addColumn('performed_start_time', 'text').execute();
    await db.schema.alterTable('images').addColumn('sop_class_uid', 'text').execute();
    await db.schema.alterTable('images').addColumn('instance_number', 'integer').execute();
    await db.schema.alterTable('images').addColumn('number_of_frames', 'integer').execute();
    await db.schema.alterTable('images').addColumn('transfer_syntax_uid', 'text').execute();
    // A JSON check needs a table rebuild on SQLite, so the column is plain text written only by the import.
    await db.schema.alterTable('images').addColumn('dicom_json', 'text').execute();
    await db.schema.createIndex('images_sop_class').on('images').column('sop_class_uid').execute();
  },

  async down(db: AnyDb) {
    await db.schema.dropIndex('images_sop_class').execute();
    for (const column of [
      'sop_class_uid',
      'instance_number',
      'number_of_frames',
      'transfer_syntax_uid',
      'dicom_json',
    ])
      await db.schema.alterTable('images').dropColumn(column).execute();
    for (const column of ['series_number', 'performed_start_date', 'performed_start_time'])
      await db.schema.alterTable('series').dropColumn(column).execute();
    for (const column of [
      'patient_name',
      'patient_id',
      'patient_birth_date',
      'patient_sex',
      'study_time',
      'accession_number',
      'referring_physician_name',
      'study_id',
    ])
      await db.schema.alterTable('studies').dropColumn(column).execute();
  },
};
