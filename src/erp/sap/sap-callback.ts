import type { FastifyBodyParser } from 'fastify';
import { HttpProtocolError } from '../../errors/http-protocol.error';

/** Where SAP's communication system POSTs JournalEntryBulkCreateConfirmation (README "ERP delivery"). */
export const SAP_CONFIRMATION_ROUTE = '/erp/sap/confirmations';

/** The SOAP content types a confirmation comes in (1.1, 1.2). */
export const SOAP_CONTENT_TYPES = ['text/xml', 'application/soap+xml'];

/** A confirmation answers every entry of a batch of up to 4000 (BATCH_MAX_ENTRIES), under 1 KiB each. */
export const SAP_CONFIRMATION_BODY_LIMIT = 4 * 1024 * 1024;

/** SOAP bodies as text, for the callback route only: every other route takes JSON and answers 415 to XML. */
export const soapBodyParser: FastifyBodyParser<Buffer> = (request, body, done) => {
  if (request.routeOptions.url !== SAP_CONFIRMATION_ROUTE)
    done(new HttpProtocolError(415, 'UNSUPPORTED_MEDIA_TYPE', `${request.headers['content-type']} is read on ${SAP_CONFIRMATION_ROUTE} only; send JSON`), undefined);
  else done(null, body.toString('utf8'));
};
