import { InitialSchema1764000000000 } from './1764000000000-initial-schema';
import { ScoringState1764100000000 } from './1764100000000-scoring-state';

/** Every migration, oldest first. */
export const MIGRATIONS = [InitialSchema1764000000000, ScoringState1764100000000];
