/// <reference lib="webworker" />
/**
 * Ingest worker: exposes lib/jobs/ingest-service over Comlink. No logic here; see that module.
 */
import { expose } from 'comlink';
import { createIngestService } from '@/lib/jobs/ingest-service';
import { readDatasetBlob } from '@/lib/store/datasets';

expose(createIngestService(readDatasetBlob));
