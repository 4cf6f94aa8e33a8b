import 'reflect-metadata';
import { type DynamicModule } from '@nestjs/common';
import { NestFactory } from '@nestjs/core';
import type { MicroserviceOptions } from '@nestjs/microservices';
import type { NestFastifyApplication } from '@nestjs/platform-fastify';
import { Logger } from 'nestjs-pino';
import { serveOpenApi } from './api-docs/openapi';
import type { AppConfig } from './config/app-config';
import { serveConsole } from './console/console';
import { AppModule, type AppModuleOptions } from './app.module';
import { type ExtraGrpcPackage, grpcOptions } from './transport/grpc-options';
import { observeGrpcCalls } from './observability/grpc-call-observation';
import { OpenGrpcCalls } from './transport/open-grpc-calls';
import { EdgeMetrics } from './observability/metrics/edge-metrics';
import { FrameworkLogLevels } from './observability/framework-log-levels';
import { SHOPIFY_WEBHOOK_ROUTE } from './channels/shopify/shopify-webhook.http';
import { SAP_CONFIRMATION_BODY_LIMIT, SOAP_CONTENT_TYPES, soapBodyParser } from './erp/sap/sap-callback';
import { BODY_LIMIT_BYTES, httpAdapter, jsonBodyParser } from './transport/http-server';

export interface StartOptions extends AppModuleOptions {
  /** Extra modules (tests add aggregate slices or probes here). */
  imports?: DynamicModule['imports'];
  /** Extra gRPC packages for those modules' gRPC controllers. */
  grpcPackages?: ExtraGrpcPackage[];
}

/** Builds the HTTP + gRPC application and starts listening on both ports. */
export async function startApp(config: AppConfig, options: StartOptions = {}): Promise<NestFastifyApplication> {
  const root = AppModule.forConfig(config, options);
  root.imports = [...(root.imports ?? []), ...(options.imports ?? [])];
  // rawBody: webhook signatures are computed over the exact bytes received. JSON is the only body parser.
  const app = await NestFactory.create<NestFastifyApplication>(root, httpAdapter(config), { bufferLogs: true, abortOnError: false, rawBody: true, bodyParser: false });
  app.useBodyParser('application/json', { bodyLimit: BODY_LIMIT_BYTES }, jsonBodyParser([SHOPIFY_WEBHOOK_ROUTE]));
  // SAP's confirmations (SOAP) come as text to the one route that reads them (ERP delivery's callback).
  app.useBodyParser(SOAP_CONTENT_TYPES, { bodyLimit: SAP_CONFIRMATION_BODY_LIMIT }, soapBodyParser);
  app.useLogger(new FrameworkLogLevels(app.get(Logger)));
  app.enableShutdownHooks();
  // Filters, guards, interceptors and pipes come from EdgeModule's APP_* providers, registered
  // on create: the microservice below inherits them, so gRPC gets the same edge as HTTP.
  serveOpenApi(app);
  serveConsole(app);
  // Every gRPC call is logged, traced and counted by a server interceptor, as pino-http and the request hooks do for HTTP;
  // the next one holds the shutdown for calls still open and refuses new ones once it closes the servers.
  const grpc = grpcOptions(config, options.grpcPackages, [observeGrpcCalls(app.get(EdgeMetrics)), app.get(OpenGrpcCalls).interceptor()]);
  app.connectMicroservice<MicroserviceOptions>(grpc, { inheritAppConfig: true });
  await app.startAllMicroservices();
  await app.listen(config.PORT, config.HOST);
  return app;
}
