{{/*
Annotations of a hook object. The service account and its role come first (weights -10, -9),
the Job last (0). A succeeded run leaves nothing behind; a failed Job stays for its logs until
its ttlSecondsAfterFinished, and the next run replaces everything.
Arguments: weight (int), events (string, the Job's; the identity serves every event), context.
*/}}
{{- define "virtualization-plugin.hookAnnotations" -}}
helm.sh/hook: {{ .events | default "post-install,post-upgrade,pre-delete" }}
helm.sh/hook-weight: {{ .weight | quote }}
helm.sh/hook-delete-policy: before-hook-creation,hook-succeeded
{{- with .context.Values.commonAnnotations }}
{{ toYaml . }}
{{- end }}
{{- end }}

{{/*
A Job running `node dist/server/console-plugins.js ACTION virtualization-plugin` in the server
image, in-cluster, as the hook service account. Arguments: action, events, context.
*/}}
{{- define "virtualization-plugin.hookJob" -}}
{{- $ := .context }}
{{- $hook := $.Values.consolePlugin.enableHook }}
apiVersion: batch/v1
kind: Job
metadata:
  {{- /* A Job's name goes into its pods' job-name label: 63 characters at most. */}}
  name: {{ include "virtualization-plugin.fullname" $ | trunc 40 | trimSuffix "-" }}-console-plugin-{{ .action }}
  namespace: {{ $.Release.Namespace }}
  labels:
    {{- include "virtualization-plugin.labels" $ | nindent 4 }}
    app.kubernetes.io/component: console-plugin-hook
  annotations:
    {{- include "virtualization-plugin.hookAnnotations" (dict "weight" 0 "events" .events "context" $) | nindent 4 }}
spec:
  backoffLimit: {{ $hook.backoffLimit }}
  activeDeadlineSeconds: {{ $hook.activeDeadlineSeconds }}
  ttlSecondsAfterFinished: {{ $hook.ttlSecondsAfterFinished }}
  template:
    metadata:
      labels:
        {{- include "virtualization-plugin.labels" $ | nindent 8 }}
        app.kubernetes.io/component: console-plugin-hook
    spec:
      serviceAccountName: {{ include "virtualization-plugin.hookServiceAccountName" $ }}
      automountServiceAccountToken: true
      restartPolicy: Never
      {{- with $.Values.image.pullSecrets }}
      imagePullSecrets:
        {{- range . }}
        - name: {{ . }}
        {{- end }}
      {{- end }}
      securityContext:
        {{- include "virtualization-plugin.podSecurityContext" $ | nindent 8 }}
      containers:
        - name: console-plugin-{{ .action }}
          image: {{ include "virtualization-plugin.image" $ }}
          imagePullPolicy: {{ $.Values.image.pullPolicy }}
          command:
            - node
            - dist/server/console-plugins.js
            - {{ .action }}
            - {{ include "virtualization-plugin.pluginName" $ }}
          resources:
            {{- toYaml $hook.resources | nindent 12 }}
          securityContext:
            {{- include "virtualization-plugin.containerSecurityContext" $ | nindent 12 }}
          volumeMounts:
            - name: tmp
              mountPath: /tmp
      volumes:
        - name: tmp
          emptyDir:
            sizeLimit: 16Mi
      {{- with $.Values.nodeSelector }}
      nodeSelector:
        {{- toYaml . | nindent 8 }}
      {{- end }}
      {{- with $.Values.tolerations }}
      tolerations:
        {{- toYaml . | nindent 8 }}
      {{- end }}
{{- end }}
