import { ApiProperty } from '@nestjs/swagger';
import { IsEmail, IsString, MaxLength, MinLength } from 'class-validator';
import { Actor, LoginResult, ROLES, Role } from '@fairops/core';

export class LoginDto {
  @ApiProperty({ example: 'admin@siccam.demo' })
  @IsEmail({}, { message: 'must be an email address' }) @MaxLength(254)
  email: string;

  @ApiProperty({ example: 'siccam2027' })
  @IsString() @MinLength(1) @MaxLength(200)
  password: string;
}

export class SessionUserDto implements Actor {
  @ApiProperty({ format: 'uuid' }) id: string;
  @ApiProperty() email: string;
  @ApiProperty({ enum: ROLES }) role: Role;
  @ApiProperty({ format: 'uuid', nullable: true, type: String }) exhibitorId: string | null;
}

export class LoginResponseDto implements LoginResult {
  @ApiProperty() accessToken: string;
  @ApiProperty({ example: 'Bearer' }) tokenType: 'Bearer';
  @ApiProperty({ description: 'Seconds until the token expires' }) expiresIn: number;
  @ApiProperty({ type: SessionUserDto }) user: SessionUserDto;
}

export class ChangePasswordDto {
  @ApiProperty({ description: 'The password the user logs in with now' })
  @IsString() @MinLength(1) @MaxLength(200)
  currentPassword: string;

  @ApiProperty({ minLength: 10, description: 'At least 10 characters, different from the current one' })
  @IsString() @MinLength(10, { message: 'must be at least 10 characters' }) @MaxLength(200)
  newPassword: string;
}

export class PasswordResetRequestDto {
  @ApiProperty({ example: 'jury4@siccam.demo', description: 'The address the account logs in with' })
  @IsEmail({}, { message: 'must be an email address' }) @MaxLength(254)
  email: string;
}

export class PasswordLinkDto {
  @ApiProperty({ description: 'The `token` of the link (the query parameter of the page the message opens)', maxLength: 200 })
  @IsString() @MinLength(1) @MaxLength(200)
  token: string;

  @ApiProperty({ minLength: 10, description: 'At least 10 characters' })
  @IsString() @MinLength(10, { message: 'must be at least 10 characters' }) @MaxLength(200)
  newPassword: string;
}
