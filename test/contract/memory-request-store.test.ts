import { MemoryRequestStore } from '../../src/storage/memory-request-store';
import { describeRequestStoreContract } from './request-store.contract';

describeRequestStoreContract('memory', async () => ({ store: new MemoryRequestStore() }));
