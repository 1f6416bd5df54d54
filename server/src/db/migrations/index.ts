import { InitialSchema1764000000000 } from './1764000000000-initial-schema';
import { ScoringState1764100000000 } from './1764100000000-scoring-state';
import { ContentPlatform1764200000000 } from './1764200000000-content-platform';
import { Privacy1764700000000 } from './1764700000000-privacy';
import { Dashboards1764800000000 } from './1764800000000-dashboards';
import { MultiProcess1765300000000 } from './1765300000000-multi-process';

/** Every migration, oldest first. */
export const MIGRATIONS = [InitialSchema1764000000000, ScoringState1764100000000, ContentPlatform1764200000000, Privacy1764700000000, Dashboards1764800000000, MultiProcess1765300000000];
