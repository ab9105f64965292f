export const VERSION = '0.1.0';

export type CommandName =
  | 'info'
  | 'convert'
  | 'deid'
  | 'import'
  | 'metrics'
  | 'agreement'
  | 'export'
  | 'serve'
  | 'catalog';

const COMMANDS: Record<CommandName, { summary: string; usage: string; options: string[] }> = {
  info: {
    summary: 'describe every DICOM series, NIfTI, PNG and JPEG image under the paths',
    usage: 'voxelhub info <paths...> [--json]',
    options: ['--json           print a JSON array, one object per series or volume'],
  },
  import: {
    summary:
      "import files and folders, or a study from a DICOMweb server, into a project of this machine's Voxelhub data",
    usage:
      'voxelhub import <paths...> --project <name> [--data-dir <folder>]\n       voxelhub import <folder> --project <name> --labels [--layout <kind>] [--data-dir <folder>]\n       voxelhub import --from-dicomweb <url> --study <uid> --project <name> [--token <token>] [--data-dir <folder>]',
    options: [
      '--project        the project to import into (created if missing)',
      '--from-dicomweb  a DICOMweb server root (e.g. http://pacs:8042/dicom-web): import a study from it',
      '--study          the Study Instance UID to import (with --from-dicomweb)',
      '--token          sent to the DICOMweb server as "Authorization: Bearer <token>"',
      '--labels         the folder is a dataset (Decathlon, nnU-Net, COCO, YOLO, images + CSV, DICOM with',
      '                 SEG/RTSTRUCT): recognise its layout and import its labels as annotations too',
      '--layout         with --labels: auto (default), nnunet, msd, coco, yolo, image-csv, dicom, or images',
      '--data-dir       the Voxelhub data folder (default: VOXELHUB_DATA or ./data)',
    ],
  },
  metrics: {
    summary:
      'agreement of a test mask with a reference mask (NIfTI or DICOM SEG): Dice, IoU, HD, HD95, ASSD, NSD, volume',
    usage: 'voxelhub metrics <reference> <test> [--label <n>] [--tolerance <mm>] [--json]',
    options: [
      '--label          compare only this label (default: each label found in either file, one row each)',
      '--tolerance      the NSD (normalised surface Dice) tolerance in mm (default: 1)',
      '--json           print JSON: an array of {label, dice, iou, hd, hd95, assd, nsd, volumeDiff, tolerance},',
      '                 or one such object with --label; distances in mm, null where undefined',
      '',
      'A test mask on another grid is resampled onto the reference grid (nearest voxel in patient space).',
      'Convention (MONAI/medpy): a surface is the foreground voxels with a background 6-neighbour;',
      'distances join voxel centres; HD95 is the larger of the two directed 95th percentiles; ASSD pools',
      'both directions; volumeDiff = (test - reference) / reference, a fraction.',
    ],
  },
  agreement: {
    summary:
      "a project's reader agreement: per label and annotator, over time, and the worst items (as the dashboard)",
    usage: 'voxelhub agreement --project <name> [--json] [--compute] [--data-dir <folder>]',
    options: [
      "--project        the project (by name) of this machine's Voxelhub data",
      '--json           print the report as JSON (the same object as GET /api/projects/:id/quality)',
      '--compute        first measure items whose agreement job has not run (no server running)',
      '--data-dir       the Voxelhub data folder (default: VOXELHUB_DATA or ./data)',
    ],
  },
  export: {
    summary:
      "write a dataset version of a project of this machine's Voxelhub data in a training format (COCO, YOLO, nnU-Net, …)",
    usage:
      'voxelhub export --project <name> --version <name-or-id> --format <format> -o <folder|file.zip>\n       [--channel-name <name>] [--data-dir <folder>]\n       voxelhub export --project <name> --create-version <name> [--source consensus|approved|all] [--note <text>]\n       voxelhub export --list-formats',
    options: [
      "--project        the project (by name) of this machine's Voxelhub data",
      '--version        the dataset version to export, by name or id',
      '--format         coco, yolo-detection, yolo-segmentation, nnunet, msd, nifti, dicom-seg, dicom-sr',
      '                 or tables (--list-formats says what each writes)',
      '-o, --output     a new or empty folder to write the files into, or a path ending in .zip',
      "--channel-name   nnunet and msd: the input channel's name, e.g. CT (nnU-Net then normalises by HU;",
      "                 default from the images' modality, 'image' when unknown, as for NIfTI)",
      '--create-version freeze the project into a new version of this name (default splits), instead',
      '--source         what --create-version freezes: consensus (default), approved or all annotations',
      '--note           a note kept with the new version',
      '--list-formats   list the formats and what each writes',
      '--data-dir       the Voxelhub data folder (default: VOXELHUB_DATA or ./data)',
    ],
  },
  catalog: {
    summary: 'search the catalog of public medical imaging datasets, annotation tools and resources',
    usage:
      'voxelhub catalog search <text...> [--modality <m>]... [--region <r>]... [--task <t>]...\n       [--annotation <a>]... [--access <a>]... [--license <family>]... [--size <bucket>]...\n       [--sort relevance|name|newest|largest] [--json]\n       voxelhub catalog show <id> [--json]',
    options: [
      '--modality       xray, mammography, ct, mri, ultrasound, pet, spect, …',
      '--region         a body region: brain, chest, lung, heart, kidney, liver, prostate, knee, whole-body, …',
      '--task           classification, detection, segmentation, registration, …',
      '--annotation     image-label, box, mask, polygon, contour, landmark, …',
      '--access         open, registration, data-use-agreement, credentialed',
      "--license        a license family, e.g. 'CC BY' or 'CC BY-NC-SA'",
      "--size           subjects: '< 100', '100–999', '1,000–9,999', '≥ 10,000', unknown",
      '--json           print the matching entries (or the one entry) as JSON',
      '',
      'Every word must match (name, modality, region, task, labels, summary); each filter is repeatable (OR),',
      'filters of different kinds all apply (AND). Exit status 1 when nothing matches.',
      "The catalog is the repository's catalog/ folder, or VOXELHUB_CATALOG.",
    ],
  },
  serve: {
    summary: 'start the Voxelhub server (REST API under /api)',
    usage: 'voxelhub serve [--port <n>] [--host <address>] [--data-dir <folder>]',
    options: [
      '--port           port to listen on (default: PORT or 8080)',
      '--host           address to listen on (default: VOXELHUB_HOST or 127.0.0.1)',
      '--data-dir       where the database and files live (default: VOXELHUB_DATA or ./data)',
    ],
  },
  convert: {
    summary: 'convert each series or volume to NIfTI with a JSON sidecar, like dcm2niix',
    usage: 'voxelhub convert <paths...> -o <folder> [--uncompressed]',
    options: [
      '-o, --output     folder to write into (created if missing)',
      '--uncompressed   write .nii instead of .nii.gz',
    ],
  },
  deid: {
    summary:
      'write de-identified copies of DICOM (PS3.15 basic profile), NIfTI, PNG and JPEG files, and a report',
    usage:
      'voxelhub deid <paths...> -o <folder> [--option <id>]... [--key-file <file> | --new-key-file <file>]\n       [--dry-run] [--report <file>] [--keep-names] [--force]\n       [--burned-in-rules <file.json>] [--mapping <file.csv>]',
    options: [
      '-o, --output     folder for the copies and deid-report.json (empty, outside the inputs)',
      '--option <id>    a PS3.15 option, repeatable; one of: retainSafePrivate, retainUIDs,',
      '                 retainDeviceIdentity, retainInstitutionIdentity, retainPatientCharacteristics,',
      '                 retainLongitudinalFullDates, retainLongitudinalModifiedDates, cleanDescriptors,',
      '                 cleanStructuredContent, cleanGraphics',
      '--key-file       the project key (64 hex digits): the same key gives the same UIDs, dates, names',
      '--new-key-file   write a new random key to this file (mode 0600) and use it',
      '                 (without a key, a random one is used: UIDs are not reproducible)',
      '--dry-run        write no copy: print the summary (and write --report)',
      '--report         also write the report, with input paths, to this file',
      '--keep-names     keep relative paths (default: pseudonymous folder and file names)',
      '--mapping        write the re-identification mapping (pseudonym, original Patient ID, name,',
      '                 issuer) to this CSV file, mode 0600, outside the output folder: keep it private',
      '--force          write into a non-empty output folder',
      '--burned-in-rules',
      '                 a JSON file of rules that flag DICOM images with burned-in text and give the',
      '                 rectangles to black out (default: flag US, OT, ES, XC, Secondary Capture)',
    ],
  },
};

export const HELP = `Usage: voxelhub <command> [options]

Voxelhub: medical image I/O, annotation and datasets from the command line.
Paths may be files or folders (searched recursively); files that are not images are skipped.

Commands:
${Object.entries(COMMANDS)
  .map(([name, c]) => `  ${name.padEnd(10)} ${c.summary}`)
  .join('\n')}

Options:
  -h, --help       show help (also: voxelhub <command> --help)
  -V, --version    show the version

Exit status: 0 on success, 1 when a file could not be read (one line per file on stderr), 2 on a usage error.
`;

export function commandHelp(name: CommandName): string {
  const c = COMMANDS[name];
  if (!c) return HELP;
  return `Usage: ${c.usage}\n\n${c.summary}.\n\nOptions:\n${c.options.map((o) => `  ${o}`).join('\n')}\n  -h, --help       show this help\n`;
}
