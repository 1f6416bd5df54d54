/**
 * Jest setup of the Stryker runs only (shared/jest.config.js). A failing property is a killed
 * mutant: shrinking its counterexample would only cost time, and a mutated config can make
 * shrinking run past the timeout, which would report the mutant as timed out instead of killed.
 */
import fc from 'fast-check';

fc.configureGlobal({ ...fc.readConfigureGlobal(), endOnFailure: true });
