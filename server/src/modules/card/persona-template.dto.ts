import { ArrayMaxSize, ArrayMinSize, IsArray, IsObject, IsString, Length, Matches, ValidateNested } from 'class-validator';
import { Type } from 'class-transformer';
import type { PersonaTemplatesRequest, PersonaTemplateView } from '@kejing/shared';

export class PersonaTemplateDto implements PersonaTemplateView {
  @IsString() @Matches(/^[a-z][a-z0-9_]{1,31}$/) code!: string;
  @IsString() @Length(1, 20) name!: string;
  @IsString() @Length(1, 300) introTemplate!: string;
}

export class PersonaTemplatesDto implements PersonaTemplatesRequest {
  // IsObject: ValidateNested alone lets an array through in place of a template.
  @IsArray() @ArrayMinSize(1) @ArrayMaxSize(12) @IsObject({ each: true }) @ValidateNested({ each: true }) @Type(() => PersonaTemplateDto) templates!: PersonaTemplateDto[];
}
