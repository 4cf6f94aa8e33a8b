import type { ErpTargetSettings } from './connector/erp-target-settings';
import { D365Connector } from './d365/d365-connector';
import { NetSuiteConnector } from './netsuite/netsuite-connector';
import { SapConnector } from './sap/sap-connector';

export type AnyErpConnector = SapConnector | NetSuiteConnector | D365Connector;

/** The connector for one target's settings; each keeps its own breaker and bulkhead, so make one per target and keep it. */
export function erpConnectorFor(settings: ErpTargetSettings): AnyErpConnector {
  switch (settings.erp) {
    case 'sap':
      return new SapConnector(settings);
    case 'netsuite':
      return new NetSuiteConnector(settings);
    case 'd365':
      return new D365Connector(settings);
  }
}
