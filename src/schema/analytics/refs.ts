import type {
  PennylaneAttachedCategory,
  PennylaneCategory,
  PennylaneCategoryGroup,
} from '../../datasources/pennylane/categories.js';
import { builder } from '../builder.js';

/** Type references of the analytics domain (implemented in their own files). */
export const CategoryRef = builder.objectRef<PennylaneCategory>('Category');
export const CategoryGroupRef = builder.objectRef<PennylaneCategoryGroup>('CategoryGroup');
/** A category as attached to a record, with its weight. */
export const CategoryAssignmentRef = builder.objectRef<PennylaneAttachedCategory>('CategoryAssignment');
