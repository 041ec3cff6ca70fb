/** One kind of request a service handles, with the words that usually reveal it. */
export interface RequestCategory {
  readonly id: string;
  readonly label: string;
  /** French keywords or phrases (folded before matching); multi-word phrases weigh more. */
  readonly keywords: readonly string[];
}

/** A municipal service, its inbox and the categories routed to it. */
export interface MunicipalService {
  readonly id: string;
  readonly name: string;
  /** Directorate / pole it belongs to (display grouping). */
  readonly pole: string;
  /** Working days promised to answer (the service contract, R8). */
  readonly responseDays: number;
  readonly categories: readonly RequestCategory[];
}

export interface ServiceCatalogue {
  readonly services: readonly MunicipalService[];
}

/** category id -> its service id; throws on a category listed twice (ambiguous routing). */
export function categoryServiceIndex(catalogue: ServiceCatalogue): Map<string, string> {
  const index = new Map<string, string>();
  for (const service of catalogue.services) {
    for (const category of service.categories) {
      const owner = index.get(category.id);
      if (owner !== undefined) {
        throw new Error(`category ${category.id} is listed by both ${owner} and ${service.id}`);
      }
      index.set(category.id, service.id);
    }
  }
  return index;
}

/** Problems that make a catalogue unusable, in French for the admin screen; empty when valid. */
export function validateCatalogue(catalogue: ServiceCatalogue): string[] {
  const problems: string[] = [];
  const serviceIds = new Set<string>();
  const categoryIds = new Set<string>();
  for (const service of catalogue.services) {
    if (!/^[a-z0-9-]+$/.test(service.id)) problems.push(`identifiant de service invalide : « ${service.id} »`);
    if (serviceIds.has(service.id)) problems.push(`service en double : ${service.id}`);
    serviceIds.add(service.id);
    if (service.name.trim() === '') problems.push(`service ${service.id} sans nom`);
    if (!Number.isInteger(service.responseDays) || service.responseDays < 1 || service.responseDays > 365) {
      problems.push(`délai de réponse invalide pour ${service.id}`);
    }
    for (const category of service.categories) {
      if (!/^[a-z0-9-]+$/.test(category.id)) problems.push(`identifiant de catégorie invalide : « ${category.id} »`);
      if (categoryIds.has(category.id)) problems.push(`catégorie en double : ${category.id}`);
      categoryIds.add(category.id);
      if (category.label.trim() === '') problems.push(`catégorie ${category.id} sans libellé`);
    }
  }
  return problems;
}

/**
 * The catalogue itself as training text (each category's label and keywords), so that a
 * category no agent has confirmed yet is still known to the classifier.
 */
export function catalogueExamples(catalogue: ServiceCatalogue): Array<{ text: string; category: string }> {
  return catalogue.services.flatMap((service) =>
    service.categories.map((category) => ({
      category: category.id,
      text: [category.label, ...category.keywords].join(' . '),
    })),
  );
}
