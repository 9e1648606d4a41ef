import {
  ActionGroup,
  Alert,
  Bullseye,
  Button,
  Form,
  FormAlert,
  FormGroup,
  FormHelperText,
  FormSelect,
  FormSelectOption,
  HelperText,
  HelperTextItem,
  LoginPage as PatternFlyLoginPage,
  Radio,
  Spinner,
  TextInput,
} from '@patternfly/react-core';
import { useMutation, useQuery, useQueryClient } from '@tanstack/react-query';
import { useState, type FormEvent } from 'react';
import { useTranslation } from 'react-i18next';
import { SHELL_I18N_NAMESPACE } from '../i18n';
import { LanguageMenu } from '../masthead/LanguageMenu';
import {
  fetchLoginUsers,
  forgetLastUser,
  logIn,
  SESSION_QUERY_KEY,
  type Credentials,
  type SessionState,
} from './session';

type Method = 'user' | 'token';

/**
 * Standalone login: as one of the embedded cluster's users, or with a pasted token. A refusal
 * shows the server's message and keeps what was typed.
 */
export const LoginPage = () => {
  const { t } = useTranslation(SHELL_I18N_NAMESPACE);
  const queryClient = useQueryClient();
  const users = useQuery({ queryKey: ['bff', 'session', 'users'], queryFn: fetchLoginUsers });
  const names = users.data ?? [];
  const [chosenMethod, setMethod] = useState<Method>();
  const [chosenUser, setUser] = useState<string>();
  const [token, setToken] = useState('');
  const method: Method = chosenMethod ?? (names.length > 0 ? 'user' : 'token');
  const username = chosenUser ?? names[0] ?? '';

  const login = useMutation({
    mutationFn: (credentials: Credentials) => logIn(credentials),
    onSuccess: (session) => {
      forgetLastUser(queryClient);
      queryClient.setQueryData<SessionState>(SESSION_QUERY_KEY, session);
    },
  });
  const canSubmit = !login.isPending && (method === 'user' ? !!username : !!token.trim());
  const submit = (event: FormEvent) => {
    event.preventDefault();
    if (canSubmit) login.mutate(method === 'user' ? { username } : { token });
  };

  return (
    <PatternFlyLoginPage
      loginTitle={t('Log in to the Virtualization console')}
      loginSubtitle={
        names.length > 0 ? t('Choose a user of the embedded cluster, or paste a token.') : undefined
      }
      headerUtilities={<LanguageMenu />}
    >
      {/* Which way to log in depends on the users the BFF offers: wait for them. */}
      {users.isPending ? (
        <Bullseye>
          <Spinner aria-label={t('Loading')} />
        </Bullseye>
      ) : (
        <Form onSubmit={submit}>
          {login.isError && (
            <FormAlert>
              <Alert variant="danger" isInline title={t('You could not be logged in')}>
                {login.error.message}
              </Alert>
            </FormAlert>
          )}
          {names.length > 0 && (
            <FormGroup role="radiogroup" isInline fieldId="login-method" label={t('Log in with')}>
              <Radio
                id="login-method-user"
                name="login-method"
                label={t('An embedded-cluster user')}
                isChecked={method === 'user'}
                onChange={() => setMethod('user')}
              />
              <Radio
                id="login-method-token"
                name="login-method"
                label={t('A token')}
                isChecked={method === 'token'}
                onChange={() => setMethod('token')}
              />
            </FormGroup>
          )}
          {method === 'user' ? (
            <FormGroup label={t('User')} fieldId="login-user">
              <FormSelect
                id="login-user"
                value={username}
                onChange={(_event, value) => setUser(value)}
              >
                {names.map((name) => (
                  <FormSelectOption key={name} value={name} label={name} />
                ))}
              </FormSelect>
            </FormGroup>
          ) : (
            <FormGroup label={t('Token')} isRequired fieldId="login-token">
              <TextInput
                id="login-token"
                type="password"
                autoComplete="off"
                isRequired
                value={token}
                onChange={(_event, value) => setToken(value)}
                validated={login.isError ? 'error' : 'default'}
              />
              <FormHelperText>
                <HelperText>
                  <HelperTextItem>
                    {t('A bearer token for the cluster, such as the output of "oc whoami -t".')}
                  </HelperTextItem>
                </HelperText>
              </FormHelperText>
            </FormGroup>
          )}
          <ActionGroup>
            <Button
              type="submit"
              variant="primary"
              isBlock
              isLoading={login.isPending}
              isDisabled={!canSubmit}
            >
              {t('Log in')}
            </Button>
          </ActionGroup>
        </Form>
      )}
    </PatternFlyLoginPage>
  );
};
