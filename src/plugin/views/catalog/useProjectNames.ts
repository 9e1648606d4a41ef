import { useQuery } from '@tanstack/react-query';
import { getFromBFF } from '../../api/bff';

/**
 * The projects the user can see, by name (the BFF's `projects` route: OpenShift projects, or the
 * namespaces on a plain cluster). `error` when even that is refused: the project is typed then.
 */
export const useProjectNames = () =>
  useQuery({
    queryKey: ['bff', 'projects'],
    queryFn: async () => (await getFromBFF<{ items?: string[] }>('projects')).items ?? [],
    staleTime: 30_000,
  });
