import {
  Button,
  CodeBlock,
  CodeBlockAction,
  CodeBlockCode,
  HelperText,
  HelperTextItem,
} from '@patternfly/react-core';
import { CopyIcon, DownloadIcon } from '@patternfly/react-icons';
import { useState } from 'react';
import { downloadBlob } from '../../../../components/downloadFile';
import { usePluginTranslation } from '../../../../i18n';

export interface CodePanelProps {
  /** What the text is, for the buttons' names ("YAML", "CLI command"). */
  label: string;
  text: string;
  fileName: string;
  /** The download's MIME type. */
  type: string;
}

type CopyState = 'idle' | 'copied' | 'failed';

/** Read-only text in a code block, with Copy (to the clipboard) and Download (as a file). */
export const CodePanel = ({ label, text, fileName, type }: CodePanelProps) => {
  const { t } = usePluginTranslation();
  const [copy, setCopy] = useState<CopyState>('idle');
  const onCopy = async () => {
    try {
      await navigator.clipboard.writeText(text);
      setCopy('copied');
    } catch {
      setCopy('failed');
    }
  };
  const actions = (
    <>
      <CodeBlockAction>
        <Button
          variant="plain"
          icon={<CopyIcon />}
          aria-label={t('Copy {{label}}', { label })}
          onClick={() => void onCopy()}
        >
          {t('Copy')}
        </Button>
      </CodeBlockAction>
      <CodeBlockAction>
        <Button
          variant="plain"
          icon={<DownloadIcon />}
          aria-label={t('Download {{label}}', { label })}
          onClick={() => downloadBlob(new Blob([text], { type }), fileName)}
        >
          {t('Download')}
        </Button>
      </CodeBlockAction>
    </>
  );
  return (
    <>
      <CodeBlock actions={actions}>
        <CodeBlockCode>{text}</CodeBlockCode>
      </CodeBlock>
      <HelperText aria-live="polite">
        {copy === 'copied' && (
          <HelperTextItem variant="success">{t('Copied to the clipboard.')}</HelperTextItem>
        )}
        {copy === 'failed' && (
          <HelperTextItem variant="warning">
            {t('The browser did not allow copying: select the text and copy it by hand.')}
          </HelperTextItem>
        )}
      </HelperText>
    </>
  );
};
