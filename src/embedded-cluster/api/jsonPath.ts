/**
 * The JSONPath subset printer columns use: `.a.b`, `.a[0]`, `.a[*].b`, `.a[?(@.type=='Ready')].status`
 * (also `==`/`!=` with "double" quotes). Returns every match, in order.
 */
export const evaluateJSONPath = (root: unknown, path: string): unknown[] => {
  const steps = tokenize(path.replace(/^\{|\}$/g, '').replace(/^\$/, ''));
  let current: unknown[] = [root];
  for (const step of steps) {
    const next: unknown[] = [];
    for (const value of current) {
      if (value === null || value === undefined) continue;
      if (step.kind === 'field') {
        if (typeof value === 'object' && !Array.isArray(value)) {
          const v = (value as Record<string, unknown>)[step.name];
          if (v !== undefined) next.push(v);
        }
      } else if (step.kind === 'index') {
        if (Array.isArray(value)) {
          const v = value[step.index < 0 ? value.length + step.index : step.index];
          if (v !== undefined) next.push(v);
        }
      } else if (step.kind === 'all') {
        if (Array.isArray(value)) next.push(...value);
        else if (typeof value === 'object') next.push(...Object.values(value));
      } else if (Array.isArray(value)) {
        for (const item of value) {
          const [field] = evaluateJSONPath(item, step.path);
          const same = String(field ?? '') === step.value;
          if (step.op === '==' ? same : !same) next.push(item);
        }
      }
    }
    current = next;
  }
  return current;
};

type Step =
  | { kind: 'field'; name: string }
  | { kind: 'index'; index: number }
  | { kind: 'all' }
  | { kind: 'filter'; path: string; op: '==' | '!='; value: string };

const tokenize = (path: string): Step[] => {
  const steps: Step[] = [];
  let i = 0;
  while (i < path.length) {
    const c = path[i];
    if (c === '.') {
      i++;
      let name = '';
      while (i < path.length && path[i] !== '.' && path[i] !== '[') name += path[i++];
      if (name === '*') steps.push({ kind: 'all' });
      else if (name) steps.push({ kind: 'field', name });
    } else if (c === '[') {
      const end = path.indexOf(
        ']',
        path.indexOf(')', i) > -1 && path[i + 1] === '?' ? path.indexOf(')', i) : i,
      );
      const inner = path.slice(i + 1, end).trim();
      i = end + 1;
      if (inner === '*') steps.push({ kind: 'all' });
      else if (/^-?\d+$/.test(inner)) steps.push({ kind: 'index', index: Number(inner) });
      else if (/^['"].*['"]$/.test(inner)) steps.push({ kind: 'field', name: inner.slice(1, -1) });
      else {
        const filter = /^\?\(@(\.[\w.]+)\s*(==|!=)\s*['"]?([^'"]*)['"]?\)$/.exec(inner);
        if (!filter) throw new Error(`unsupported JSONPath step [${inner}]`);
        steps.push({
          kind: 'filter',
          path: filter[1] ?? '',
          op: filter[2] === '!=' ? '!=' : '==',
          value: filter[3] ?? '',
        });
      }
    } else {
      i++;
    }
  }
  return steps;
};
