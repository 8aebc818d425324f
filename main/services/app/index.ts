export { createServices, type CreateServicesOptions, type Services } from './createServices';
export { createContractEvents, type ContractEvents } from './events';
