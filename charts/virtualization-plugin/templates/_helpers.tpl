{{/*
Names, labels and the pieces every template shares.
*/}}

{{/* The console knows the plugin by this name: its manifest and its proxy path use it. */}}
{{- define "virtualization-plugin.pluginName" -}}
virtualization-plugin
{{- end }}

{{- define "virtualization-plugin.name" -}}
{{- default .Chart.Name .Values.nameOverride | trunc 63 | trimSuffix "-" }}
{{- end }}

{{/*
The name of the objects: the release name, with the chart name appended unless it is already
in it, cut to 52 characters (a Service name is at most 63; "-serving-cert" and the like go on
names that may be longer).
*/}}
{{- define "virtualization-plugin.fullname" -}}
{{- if .Values.fullnameOverride }}
{{- .Values.fullnameOverride | trunc 52 | trimSuffix "-" }}
{{- else }}
{{- $name := include "virtualization-plugin.name" . }}
{{- if contains $name .Release.Name }}
{{- .Release.Name | trunc 52 | trimSuffix "-" }}
{{- else }}
{{- printf "%s-%s" .Release.Name $name | trunc 52 | trimSuffix "-" }}
{{- end }}
{{- end }}
{{- end }}

{{- define "virtualization-plugin.chart" -}}
{{- printf "%s-%s" .Chart.Name .Chart.Version | replace "+" "_" | trunc 63 | trimSuffix "-" }}
{{- end }}

{{/* Labels of every object: the standard ones, then commonLabels. */}}
{{- define "virtualization-plugin.labels" -}}
helm.sh/chart: {{ include "virtualization-plugin.chart" . }}
app.kubernetes.io/name: {{ include "virtualization-plugin.name" . }}
app.kubernetes.io/instance: {{ .Release.Name }}
app.kubernetes.io/version: {{ .Chart.AppVersion | quote }}
app.kubernetes.io/managed-by: {{ .Release.Service }}
app.kubernetes.io/part-of: {{ include "virtualization-plugin.pluginName" . }}
{{- with .Values.commonLabels }}
{{ toYaml . }}
{{- end }}
{{- end }}

{{/* What selects the server pods (Deployment, Service, PodDisruptionBudget, NetworkPolicy). */}}
{{- define "virtualization-plugin.selectorLabels" -}}
app.kubernetes.io/name: {{ include "virtualization-plugin.name" . }}
app.kubernetes.io/instance: {{ .Release.Name }}
app.kubernetes.io/component: server
{{- end }}

{{- define "virtualization-plugin.serviceAccountName" -}}
{{ include "virtualization-plugin.fullname" . }}
{{- end }}

{{/* The hooks' service account (and its ClusterRole and binding): it may patch the console config. */}}
{{- define "virtualization-plugin.hookServiceAccountName" -}}
{{ include "virtualization-plugin.fullname" . }}-console-plugin-hook
{{- end }}

{{/* The Secret the service CA fills with the serving certificate (Service annotation). */}}
{{- define "virtualization-plugin.servingCertSecretName" -}}
{{ include "virtualization-plugin.fullname" . }}-serving-cert
{{- end }}

{{- define "virtualization-plugin.uploadProxyCAName" -}}
{{ include "virtualization-plugin.fullname" . }}-upload-proxy-ca
{{- end }}

{{- define "virtualization-plugin.image" -}}
{{- if .Values.image.digest }}
{{- printf "%s@%s" .Values.image.repository .Values.image.digest }}
{{- else }}
{{- printf "%s:%s" .Values.image.repository (default .Chart.AppVersion .Values.image.tag) }}
{{- end }}
{{- end }}

{{/*
The restricted pod security context (OpenShift's restricted-v2 SCC, the "restricted" Pod
Security Standard). No runAsUser: OpenShift assigns one from the namespace's range, and the
image runs as a non-root user (1001) elsewhere.
*/}}
{{- define "virtualization-plugin.podSecurityContext" -}}
runAsNonRoot: true
seccompProfile:
  type: RuntimeDefault
{{- end }}

{{- define "virtualization-plugin.containerSecurityContext" -}}
allowPrivilegeEscalation: false
capabilities:
  drop:
    - ALL
privileged: false
readOnlyRootFilesystem: true
runAsNonRoot: true
seccompProfile:
  type: RuntimeDefault
{{- end }}
