import { FileUpload, FormGroup, TextInput } from '@patternfly/react-core';
import type { ReactNode } from 'react';
import { formatByteCount } from '../../../../../../common/uploadProgress';
import { usePluginTranslation } from '../../../../../i18n';
import { FieldHelp } from '../../../actions/modals/FieldHelp';

interface TextSourceProps {
  id: string;
  value: string;
  error?: string;
  helper?: ReactNode;
  isDisabled?: boolean;
  onChange(value: string): void;
}

/** An image file to upload: its name and size once picked (Add disk, Add volume, templates). */
export const ImageFileField = ({
  id,
  file,
  error,
  isDisabled,
  uploadedLater = false,
  onFile,
}: {
  id: string;
  file?: { name: string; size: number };
  error?: string;
  isDisabled?: boolean;
  /** The file is uploaded once the VirtualMachine is created, not now. */
  uploadedLater?: boolean;
  onFile(file?: File): void;
}) => {
  const { t } = usePluginTranslation();
  const fileFacts = file && { name: file.name, size: formatByteCount(file.size) };
  return (
    <FormGroup label={t('Image file')} isRequired fieldId={id}>
      <FileUpload
        id={id}
        filename={file?.name ?? ''}
        filenamePlaceholder={t('Drag a file here or browse to upload')}
        browseButtonText={t('Browse…')}
        clearButtonText={t('Clear')}
        filenameAriaLabel={t('Image file name')}
        hideDefaultPreview
        isDisabled={isDisabled}
        validated={error ? 'error' : 'default'}
        onFileInputChange={(_, picked) => onFile(picked)}
        onClearClick={() => onFile(undefined)}
      />
      <FieldHelp error={error}>
        {!fileFacts
          ? t('An IMG, ISO or QCOW2 image, optionally compressed with gzip or xz.')
          : uploadedLater
            ? t('{{name}}, {{size}}; uploaded once the VirtualMachine is created.', fileFacts)
            : t('{{name}}, {{size}}', fileFacts)}
      </FieldHelp>
    </FormGroup>
  );
};

/** A container image (registry source, container disk). */
export const ContainerImageField = ({
  id,
  value,
  error,
  helper,
  isDisabled,
  onChange,
}: TextSourceProps) => {
  const { t } = usePluginTranslation();
  return (
    <FormGroup label={t('Container image')} isRequired fieldId={id}>
      <TextInput
        id={id}
        isRequired
        isDisabled={isDisabled}
        value={value}
        validated={error ? 'error' : 'default'}
        onChange={(_, image) => onChange(image)}
      />
      <FieldHelp error={error}>{helper}</FieldHelp>
    </FormGroup>
  );
};

/** The http(s) address of a QCOW2 or RAW image to import. */
export const ImageUrlField = ({
  id,
  label,
  value,
  error,
  isDisabled,
  onChange,
}: Omit<TextSourceProps, 'helper'> & { label: string }) => {
  const { t } = usePluginTranslation();
  return (
    <FormGroup label={label} isRequired fieldId={id}>
      <TextInput
        id={id}
        type="url"
        isRequired
        isDisabled={isDisabled}
        value={value}
        validated={error ? 'error' : 'default'}
        onChange={(_, url) => onChange(url)}
      />
      <FieldHelp error={error}>
        {t(
          'An http:// or https:// address of a QCOW2 or RAW image (may be compressed with gzip or xz).',
        )}
      </FieldHelp>
    </FormGroup>
  );
};
