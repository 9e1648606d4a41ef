import { FileUpload, FormGroup } from '@patternfly/react-core';
import { useMemo, useState } from 'react';
import { errorMessage } from '../../../../../api/bff';
import { ConfigMapModel } from '../../../../../api/models';
import type { ConfigMap } from '../../../../../api/types';
import { useK8sWatchList } from '../../../../../api/watch';
import { usePluginTranslation } from '../../../../../i18n';
import { FieldHelp } from '../../../actions/modals/FieldHelp';
import { namesOf, NameSelect } from '../editor/NameSelect';
import {
  holdsAnswerFile,
  SYSPREP_FILES,
  xmlProblem,
  type SysprepFile,
  type SysprepFiles,
} from './sysprep';

/** One answer file: pasted or uploaded, checked as XML by the form holding it. */
export const AnswerFileField = ({
  id,
  file,
  value,
  onChange,
  error,
}: {
  id: string;
  file: SysprepFile;
  value: string;
  onChange(value: string): void;
  error?: string;
}) => {
  const { t } = usePluginTranslation();
  const [filename, setFilename] = useState('');
  return (
    <FormGroup label={file} fieldId={id}>
      <FileUpload
        id={id}
        type="text"
        aria-label={file}
        value={value}
        filename={filename}
        filenamePlaceholder={t('Drag a file here or upload one')}
        browseButtonText={t('Upload')}
        clearButtonText={t('Clear')}
        allowEditingUploadedText
        validated={error ? 'error' : 'default'}
        onFileInputChange={(_, picked) => setFilename(picked.name)}
        onDataChange={(_, data) => onChange(data)}
        onTextChange={(_, text) => onChange(text)}
        onClearClick={() => {
          setFilename('');
          onChange('');
        }}
      />
      <FieldHelp error={error}>
        {file === 'Autounattend.xml'
          ? t('Read by Windows setup when it installs the system.')
          : t('Read when a generalized image first starts (specialize and OOBE).')}
      </FieldHelp>
    </FormGroup>
  );
};

/** The "Not well-formed XML" message of each answer file that has text and does not parse. */
export const useAnswerFileErrors = (files: SysprepFiles): Partial<Record<SysprepFile, string>> => {
  const { t } = usePluginTranslation();
  return Object.fromEntries(
    SYSPREP_FILES.map((file) => {
      const problem = files[file].trim() ? xmlProblem(files[file]) : undefined;
      return [file, problem && t('Not well-formed XML: {{problem}}', { problem })];
    }),
  );
};

/** A ConfigMap of the project to attach as sysprep; those holding an answer file come first. */
export const SysprepConfigMapField = ({
  id,
  label,
  namespace,
  value,
  onChange,
}: {
  id: string;
  label: string;
  namespace: string;
  value: string;
  onChange(value: string): void;
}) => {
  const { t } = usePluginTranslation();
  const configMaps = useK8sWatchList<ConfigMap>(ConfigMapModel, { namespace });
  const [withAnswers, others] = useMemo(() => {
    const sorted = [...configMaps.data].sort((a, b) =>
      (a.metadata?.name ?? '').localeCompare(b.metadata?.name ?? ''),
    );
    return [sorted.filter(holdsAnswerFile), sorted.filter((map) => !holdsAnswerFile(map))];
  }, [configMaps.data]);
  return (
    <FormGroup label={label} isRequired fieldId={id}>
      <NameSelect
        id={id}
        value={value}
        onChange={onChange}
        placeholder={t('Select a ConfigMap')}
        groups={[
          { label: t('ConfigMaps with answer files'), names: namesOf(withAnswers) },
          { label: t('Other ConfigMaps'), names: namesOf(others) },
        ]}
      />
      <FieldHelp
        warning={
          configMaps.error
            ? t('The ConfigMaps of {{namespace}} cannot be listed: {{message}}', {
                namespace,
                message: errorMessage(configMaps.error),
              })
            : undefined
        }
      >
        {t('Its Autounattend.xml and Unattend.xml keys become files on the CD-ROM.')}
      </FieldHelp>
    </FormGroup>
  );
};
