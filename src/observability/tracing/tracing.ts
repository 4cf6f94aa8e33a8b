import { trace } from '@opentelemetry/api';
import { OTLPTraceExporter } from '@opentelemetry/exporter-trace-otlp-http';
import { detectResources, envDetector, resourceFromAttributes } from '@opentelemetry/resources';
import { BatchSpanProcessor, ConsoleSpanExporter, NodeTracerProvider, SimpleSpanProcessor, type SpanExporter, type SpanProcessor } from '@opentelemetry/sdk-trace-node';
import { ATTR_SERVICE_NAME } from '@opentelemetry/semantic-conventions';

/** Where spans go (OTEL_TRACES_EXPORTER, a comma-separated list): `none` (the default), `otlp` (OTLP over HTTP, JSON), `console`. */
export const TRACES_EXPORTERS = ['none', 'otlp', 'console'] as const;
export type TracesExporter = (typeof TRACES_EXPORTERS)[number];

export interface TracingSettings {
  exporters: readonly TracesExporter[];
  /** OTEL_SDK_DISABLED=true: no SDK whatever the exporters say. */
  sdkDisabled: boolean;
  serviceName: string;
}

export interface TracingOverrides {
  /** Spans go here, each as it ends, instead of the configured exporters (tests: an InMemorySpanExporter). */
  exporter?: SpanExporter;
}

let provider: NodeTracerProvider | undefined;

/**
 * Switches the OpenTelemetry SDK on as the standard OTEL_* variables say, once per process,
 * before the app starts. Without an exporter nothing is set up: the API's spans record nothing,
 * and a caller's `traceparent` is still carried onto events unchanged (trace-context.ts). The
 * SDK itself reads the rest of OTEL_*: OTEL_EXPORTER_OTLP_(TRACES_)ENDPOINT and _HEADERS,
 * OTEL_TRACES_SAMPLER(_ARG), OTEL_BSP_*, OTEL_RESOURCE_ATTRIBUTES.
 * Answers whether spans are recorded.
 */
export function startTracing(settings: TracingSettings, overrides: TracingOverrides = {}): boolean {
  if (provider) return true;
  const processors = overrides.exporter ? [new SimpleSpanProcessor(overrides.exporter)] : settings.sdkDisabled ? [] : processorsFor(settings.exporters);
  if (processors.length === 0) return false;
  const resource = resourceFromAttributes({ [ATTR_SERVICE_NAME]: settings.serviceName }).merge(detectResources({ detectors: [envDetector] }));
  provider = new NodeTracerProvider({ resource, spanProcessors: processors });
  // The W3C trace context propagator and the AsyncLocalStorage context manager, as globals.
  provider.register();
  return true;
}

/** Sends what is still buffered and switches the SDK off (at shutdown, and between tests). */
export async function stopTracing(): Promise<void> {
  const stopping = provider;
  provider = undefined;
  if (!stopping) return;
  await stopping.shutdown();
  trace.disable();
}

/** Sends what is buffered, keeping the SDK on. */
export async function flushTracing(): Promise<void> {
  await provider?.forceFlush();
}

function processorsFor(exporters: readonly TracesExporter[]): SpanProcessor[] {
  const processors: SpanProcessor[] = [];
  // Batched: a span's end costs the request path a push onto a queue, the export happens off it.
  if (exporters.includes('otlp')) processors.push(new BatchSpanProcessor(new OTLPTraceExporter()));
  if (exporters.includes('console')) processors.push(new SimpleSpanProcessor(new ConsoleSpanExporter()));
  return processors;
}
