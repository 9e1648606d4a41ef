import { useMemo } from 'react';
import { VirtualMachineClusterPreferenceModel } from '../../../../api/models';
import type { VirtualMachineClusterPreference } from '../../../../api/types';
import { useK8sWatchList } from '../../../../api/watch';
import { DISPLAY_NAME_ANNOTATION } from './bootableVolumes';

/** Cluster preferences' display names by preference name (`rhel.9` → Red Hat Enterprise Linux 9). */
export const usePreferenceNames = (): ReadonlyMap<string, string> => {
  const { data } = useK8sWatchList<VirtualMachineClusterPreference>(
    VirtualMachineClusterPreferenceModel,
    {},
  );
  return useMemo(
    () =>
      new Map(
        data.flatMap((preference) => {
          const name = preference.metadata?.name;
          const display = preference.metadata?.annotations?.[DISPLAY_NAME_ANNOTATION];
          return name && display ? [[name, display] as const] : [];
        }),
      ),
    [data],
  );
};
