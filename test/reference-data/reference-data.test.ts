import assert from 'node:assert/strict';
import { describe, it } from 'node:test';
import { csvRows } from '../../src/reference-data/csv-rows';
import { referenceDataDecider } from '../../src/reference-data/reference-data.aggregate';
import type { ImportReferenceData, ImportRow } from '../../src/reference-data/reference-data.commands';
import type { ReferenceDataEvent } from '../../src/reference-data/reference-data.events';
import { mappingAsOf } from '../../src/reference-data/reference-data.evolve';
import { deciderSpec } from '../support/decider-spec';

const spec = deciderSpec(referenceDataDecider);
const importing = (rows: ImportRow[], format: 'csv' | 'json' = 'json'): ImportReferenceData => ({
  kind: 'ImportReferenceData',
  format,
  rows,
  by: 'master-data',
  at: '2026-11-20T08:00:00Z',
});

const store = { kind: 'location', key: 'S001', effectiveFrom: '2026-11-01', companyCode: 'US01', costCenter: 'CC-S001' };
const tee = { kind: 'sku', key: 'TEE-RED-M', effectiveFrom: '2026-11-01', productGroup: 'apparel' };
const firstImport: ReferenceDataEvent = {
  type: 'ReferenceDataImported',
  data: { version: 1, format: 'json', mappings: [store, tee] as any, importedBy: 'master-data', importedAt: '2026-11-20T08:00:00Z' },
};

describe('reference data imports', () => {
  it('records every row as the next version', () => {
    spec
      .given([])
      .when(importing([store, tee]))
      .then([firstImport]);
    const [second] = spec
      .given([firstImport])
      .when(importing([{ ...tee, effectiveFrom: '2026-11-15', productGroup: 'services-apparel' }]))
      .events();
    assert.equal(second.data.version, 2);
  });

  it('applies nothing when one row is bad, and reports each problem by row and field', () => {
    spec
      .given([firstImport])
      .when(
        importing([
          store,
          { kind: 'location', key: 'S002', effectiveFrom: '2026-11-31', companyCode: 'US 01' },
          { kind: 'product-group', key: 'apparel', effectiveFrom: '2026-11-01', revenueRole: 'revenue.apparel', companyCode: 'US01' },
          { kind: 'warehouse', key: 'W1', effectiveFrom: '2026-11-01' },
          { kind: 'sku', key: 'TEE-RED-M', effectiveFrom: '2026-11-01' },
          store,
        ]),
      )
      .thenRefuses('REFERENCE_DATA_INVALID', {
        rows: 6,
        problems: [
          { row: 2, field: 'effectiveFrom', reason: 'must be a calendar date YYYY-MM-DD' },
          { row: 2, field: 'companyCode', reason: 'must be a company code of 1-16 letters and digits' },
          { row: 3, field: 'revenueRole', reason: 'must be one of revenue.merchandise, revenue.services, revenue.gift-cards, revenue.consignment' },
          { row: 3, field: 'companyCode', reason: 'is not a field of a product-group mapping' },
          { row: 4, field: 'kind', reason: 'must be one of location, channel, sku, product-group, tender' },
          { row: 5, field: 'productGroup', reason: 'is required for a sku mapping' },
          { row: 6, field: 'key', reason: 'row 1 already maps location S001 from 2026-11-01' },
        ],
      });
  });

  it('resolves a mapping as of a business day: the latest effective, the latest version for the same day', () => {
    const state = spec.stateAfter([
      firstImport,
      {
        type: 'ReferenceDataImported',
        data: { version: 2, format: 'csv', mappings: [{ ...tee, effectiveFrom: '2026-11-15', productGroup: 'outlet' }] as any, importedBy: 'm', importedAt: 'x' },
      },
      {
        type: 'ReferenceDataImported',
        data: { version: 3, format: 'csv', mappings: [{ ...tee, effectiveFrom: '2026-11-15', productGroup: 'consignment' }] as any, importedBy: 'm', importedAt: 'y' },
      },
    ]);
    assert.equal(mappingAsOf(state.mappings, 'sku', 'TEE-RED-M', '2026-10-31'), undefined, 'not yet in force');
    assert.deepEqual(
      [mappingAsOf(state.mappings, 'sku', 'TEE-RED-M', '2026-11-14')?.productGroup, mappingAsOf(state.mappings, 'sku', 'TEE-RED-M', '2026-11-14')?.version],
      ['apparel', 1],
    );
    assert.deepEqual(
      [mappingAsOf(state.mappings, 'sku', 'TEE-RED-M', '2026-11-15')?.productGroup, mappingAsOf(state.mappings, 'sku', 'TEE-RED-M', '2026-11-15')?.version],
      ['consignment', 3],
    );
  });

  it('reads CSV as RFC 4180: quoted commas and quotes, CRLF, a byte-order mark; a short row is reported', () => {
    const { rows, problems } = csvRows('\uFEFFkind,key,effectiveFrom,productGroup\r\nsku,"TEE,RED",2026-11-01,"say ""hi"""\r\n\r\nsku,HOODIE\n');
    assert.deepEqual(rows[0], { kind: 'sku', key: 'TEE,RED', effectiveFrom: '2026-11-01', productGroup: 'say "hi"' });
    assert.deepEqual(problems, [{ row: 2, field: 'row', reason: 'has 2 fields, the header 4' }]);
    assert.match(csvRows('kind,key\nsku,"open').problems[0].reason, /never closed/);
  });
});
