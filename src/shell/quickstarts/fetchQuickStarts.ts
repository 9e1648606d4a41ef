import type { QuickStart } from '@patternfly/quickstarts';
import { BFF_PATH } from '../../common/paths';
import { consoleFetchJSON } from '../sdk/consoleFetchJSON';

/**
 * The cluster's ConsoleQuickStarts, listed as the console lists them, through the BFF's
 * Kubernetes passthrough with the user's own identity: what the chart installs is what shows.
 */
export const QUICK_STARTS_URL = `${BFF_PATH}k8s/apis/console.openshift.io/v1/consolequickstarts`;

export const fetchQuickStarts = async (): Promise<QuickStart[]> =>
  ((await consoleFetchJSON(QUICK_STARTS_URL)) as { items?: QuickStart[] }).items ?? [];
